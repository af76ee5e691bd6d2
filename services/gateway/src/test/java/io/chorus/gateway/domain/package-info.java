@org.jspecify.annotations.NullMarked
package io.chorus.gateway.domain;
