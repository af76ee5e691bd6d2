/**
 * Test identities: a gateway-like passport signer and a member-like access-token signer, each
 * with its own fresh key and the matching public JWK set.
 */
@NullMarked
package io.chorus.testkit.passport;

import org.jspecify.annotations.NullMarked;
