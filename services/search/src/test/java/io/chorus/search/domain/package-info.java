@org.jspecify.annotations.NullMarked
package io.chorus.search.domain;
