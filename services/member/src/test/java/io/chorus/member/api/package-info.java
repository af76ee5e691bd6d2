@org.jspecify.annotations.NullMarked
package io.chorus.member.api;
