package io.chorus.chart.config;

import java.time.Clock;
import java.time.Duration;

import io.chorus.chart.domain.ChartPages;
import io.chorus.chart.domain.ChartRules;
import io.chorus.chart.domain.Charts;
import io.chorus.chart.domain.Snapshots;
import io.chorus.chart.events.ChartRendering;
import io.chorus.chart.events.MusicEventsProjection;
import io.chorus.chart.events.SnapshotSchedule;
import io.chorus.chart.store.ChartKeys;
import io.chorus.chart.store.ChartStore;
import io.chorus.platform.events.consumer.ConsumerProperties;
import io.chorus.platform.events.consumer.EventConsumer;
import io.chorus.platform.events.consumer.EventConsumers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Wires the chart read model: store, counting consumer, reads and snapshots. */
@Configuration(proxyBeanMethods = false)
class ChartConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ChartStore chartStore(ReactiveStringRedisTemplate redis, @Value("${chorus.redis.key-prefix:}") String keyPrefix) {
		return new ChartStore(redis, new ChartKeys(keyPrefix));
	}

	@Bean
	ChartRules chartRules(Clock clock, ChartProperties properties) {
		return properties.rules(clock);
	}

	@Bean
	Charts charts(ChartStore store, ChartRules rules, ChartProperties properties) {
		return new Charts(store, rules, properties.snapshot().size(), properties.coverPath());
	}

	@Bean
	ChartPages chartPages(Charts charts, ChartStore store, ChartRules rules, JsonMapper json) {
		return new ChartPages(charts, store, rules, json);
	}

	@Bean
	ChartRendering chartRendering(ChartPages pages, ChartProperties properties) {
		return new ChartRendering(pages, properties.renderInterval());
	}

	@Bean
	Snapshots snapshots(ChartStore store, ChartRules rules, ChartProperties properties) {
		return new Snapshots(store, rules, properties.snapshot().size());
	}

	@Bean
	@ConditionalOnProperty(name = "chorus.chart.snapshot.scheduled", matchIfMissing = true)
	SnapshotSchedule snapshotSchedule(Snapshots snapshots, ChartProperties properties) {
		return new SnapshotSchedule(snapshots, properties.snapshot().interval());
	}

	/** The play marker must outlive any redelivery: never shorter than the starter's dedupe TTL. */
	@Bean
	MusicEventsProjection musicEventsProjection(ChartStore store, ChartRules rules, ChartProperties properties,
			ConsumerProperties consumer, ChartPages pages) {
		Duration marker = properties.playMarkerTtl().compareTo(consumer.dedupeTtl()) >= 0 ? properties.playMarkerTtl()
				: consumer.dedupeTtl();
		return new MusicEventsProjection(store, rules, marker, pages);
	}

	@Bean
	EventConsumer musicEventsConsumer(EventConsumers consumers, MusicEventsProjection projection,
			ChartProperties properties) {
		return consumers.consume(properties.topic()).group(properties.group()).handler(projection::apply).build();
	}

}
