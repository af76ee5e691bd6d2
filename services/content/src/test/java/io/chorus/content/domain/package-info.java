@org.jspecify.annotations.NullMarked
package io.chorus.content.domain;
