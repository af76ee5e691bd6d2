/**
 * Service-to-service WebClient: forwards passport and trace context, bounded timeouts, typed downstream errors.
 */
@NullMarked
package io.chorus.platform.client;

import org.jspecify.annotations.NullMarked;
