package io.chorus.chart.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.chorus.chart.store.ChartStore;
import io.chorus.chart.store.ChartStore.RawItem;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Reads charts: one Redis round trip per request, whatever the limit. */
public final class Charts {

	public static final int MAX_LIMIT = 100;

	public static final int DEFAULT_LIMIT = 20;

	private final ChartStore store;

	private final ChartRules rules;

	private final int snapshotSize;

	private final String coverPath;

	public Charts(ChartStore store, ChartRules rules, int snapshotSize, String coverPath) {
		this.store = store;
		this.rules = rules;
		this.snapshotSize = snapshotSize;
		this.coverPath = coverPath;
	}

	/** The UTC date "today" for requests without a date. */
	public LocalDate today() {
		return LocalDate.ofInstant(this.rules.now(), java.time.ZoneOffset.UTC);
	}

	public Mono<Chart> read(Period period, LocalDate date, int limit) {
		Period.Window current = period.containing(date);
		Period.Window previous = current.previous();
		Instant now = this.rules.now();
		boolean currentFinal = this.rules.isFinal(current, now);
		return this.store
			.read(current, currentFinal, previous, this.rules.isFinal(previous, now), limit, this.snapshotSize)
			.map(raw -> {
				List<RawItem> rawItems = raw.items();
				List<Chart.Item> items = new java.util.ArrayList<>(rawItems.size());
				for (int i = 0; i < rawItems.size(); i++) {
					RawItem item = rawItems.get(i);
					int rank = i + 1;
					items.add(new Chart.Item(rank, item.trackId(), item.plays(),
							Direction.delta(rank, item.previousRank()), item.title(), item.artistId(),
							item.artistName(), coverUrl(item.trackId(), item.coverImageId())));
				}
				return new Chart(period.slug(), current.id(), current.start(), current.lastDay(), previous.id(),
						currentFinal ? Chart.Status.FINAL : Chart.Status.LIVE, items, null);
			});
	}

	private @Nullable String coverUrl(String trackId, @Nullable String coverImageId) {
		if (coverImageId == null) {
			return null;
		}
		return this.coverPath.replace("{trackId}", encode(trackId)) + "?v=" + encode(coverImageId);
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
