@org.jspecify.annotations.NullMarked
package io.chorus.activity.api;
