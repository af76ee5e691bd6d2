/**
 * RFC 9457 problem+json errors and request-body validation for annotated controllers and functional routes.
 */
@NullMarked
package io.chorus.platform.web;

import org.jspecify.annotations.NullMarked;
