/** BlockHound integration of the testkit and a probe proving BlockHound is active. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.blockhound;
