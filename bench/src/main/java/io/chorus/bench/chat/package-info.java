@org.jspecify.annotations.NullMarked
package io.chorus.bench.chat;
