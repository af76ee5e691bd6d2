package io.chorus.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Netty buffer-pool metrics ({@code netty.allocator.*}) for Netty's default allocator, the one
 * Reactor Netty's server and clients use. JVM metrics come from Boot's own binders.
 */
@AutoConfiguration
@ConditionalOnClass({ ByteBufAllocator.class, NettyAllocatorMetrics.class, MeterRegistry.class })
public class NettyMetricsAutoConfiguration {

	@Bean
	MeterBinder chorusNettyAllocatorMetrics() {
		return (registry) -> {
			if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
				new NettyAllocatorMetrics(provider).bindTo(registry);
			}
		};
	}

}
