/** An in-memory MongoDB wire-protocol server inside the JVM (mongo-java-server, oplog enabled). */
@org.jspecify.annotations.NullMarked
package io.chorus.testkit.mongo;
