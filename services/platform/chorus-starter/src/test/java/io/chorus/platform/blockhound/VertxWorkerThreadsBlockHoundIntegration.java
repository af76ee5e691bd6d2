package io.chorus.platform.blockhound;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Test-only, narrow: an idle pool worker waiting for its next task. vert.x's worker pools
 * ({@code vert.x-internal-blocking-*}), used by the fabric8 Kubernetes client of
 * spring-cloud-kubernetes, run on netty {@code FastThreadLocalThread}s, which netty's BlockHound
 * integration marks non-blocking; an idle worker then parks in
 * {@code ThreadPoolExecutor.getTask} and BlockHound fails it (it dies with an
 * {@code IllegalMonitorStateException} and the pool respawns it, over and over). Only the wait in
 * {@code getTask} is allowed: the tasks themselves run from {@code runWorker}, outside it, and
 * stay checked. (Netty's integration compares equal to every other one, so a thread-predicate
 * exclusion cannot be ordered after it.) The fabric8 client only runs on Kubernetes or in
 * {@code KubernetesConfigIntegrationTests}.
 */
public final class VertxWorkerThreadsBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "getTask");
	}

}
