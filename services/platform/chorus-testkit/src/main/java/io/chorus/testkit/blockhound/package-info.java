/** Chorus testkit: blockhound. */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.blockhound;
