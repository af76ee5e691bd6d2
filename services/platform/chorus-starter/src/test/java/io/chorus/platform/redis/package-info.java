@NullMarked
package io.chorus.platform.redis;

import org.jspecify.annotations.NullMarked;
