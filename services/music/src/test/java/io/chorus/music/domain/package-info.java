@org.jspecify.annotations.NullMarked
package io.chorus.music.domain;
