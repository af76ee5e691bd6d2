/** Redis connection behaviour shared by every Chorus service that uses Spring Data Redis. */
@NullMarked
package io.chorus.platform.redis;

import org.jspecify.annotations.NullMarked;
