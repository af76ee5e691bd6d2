package io.chorus.chart.events;

import java.time.Duration;

import io.chorus.chart.domain.ChartPages;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;

/** Renders the changed chart pages every {@code interval} (the debounce and the staleness bound). */
public final class ChartRendering implements SmartLifecycle {

	private final ChartPages pages;

	private final Duration interval;

	private volatile Disposable running;

	public ChartRendering(ChartPages pages, Duration interval) {
		this.pages = pages;
		this.interval = interval;
	}

	@Override
	public void start() {
		this.running = Flux.interval(this.interval, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> this.pages.renderChanged(), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
