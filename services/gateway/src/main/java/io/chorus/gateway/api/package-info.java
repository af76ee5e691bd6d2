/**
 * The edge filters, in order: inbound header sanitizing, CORS, body limits, authentication
 * (access token to passport, revocation), rate limits; plus downstream error mapping.
 */
@org.jspecify.annotations.NullMarked
package io.chorus.gateway.api;
