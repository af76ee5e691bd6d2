package io.chorus.chart.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.chorus.chart.store.ChartStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Charts rendered once per change and served as bytes. A period's top {@link Charts#MAX_LIMIT} is
 * rendered (the Lua read with deltas and metadata, then JSON) when its plays or its tracks'
 * metadata change, at most once per render interval, and stored in Redis as a list: meta
 * ({@code <rendered-at>|<etag>|<status>}), the JSON before the items, the JSON after them, then one
 * element per item. A read of any {@code limit} is one {@code LRANGE} and a concatenation: no JSON
 * encoding, no per-row Redis work. A page never rendered (an old date) or one still marked LIVE for
 * a period that has closed is rendered on that read.
 *
 * <p>Staleness: a counted play shows in the pages of its periods at the next render tick after the
 * consumer applied it (render interval, 250 ms by default), plus the render itself. Closed periods
 * are final: rendered once and kept as they are.
 */
public final class ChartPages {

	private static final Logger log = LoggerFactory.getLogger(ChartPages.class);

	private static final String ITEMS = "\"items\":[]";

	private final Charts charts;

	private final ChartStore store;

	private final ChartRules rules;

	private final JsonMapper json;

	private final Set<Period.Window> dirty = ConcurrentHashMap.newKeySet();

	public ChartPages(Charts charts, ChartStore store, ChartRules rules, JsonMapper json) {
		this.charts = charts;
		this.store = store;
		this.rules = rules;
		this.json = json;
	}

	/** A page ready to send: its ETag (quoted), whether the period is closed, and the JSON bytes. */
	public record Page(String etag, Chart.Status status, byte[] body) {
	}

	public Mono<Page> read(Period period, LocalDate date, int limit) {
		Period.Window window = period.containing(date);
		return this.store.readPage(window, limit).flatMap((elements) -> {
			if (usable(elements, window)) {
				return Mono.just(assemble(elements, limit));
			}
			return render(window).map((rendered) -> assemble(rendered, limit));
		});
	}

	/**
	 * Marks a period for rendering at the next tick. A closed, settled period is left alone: its
	 * page would freeze its snapshot now, and the snapshot is made by the schedule or the first read
	 * (a late play for it is not part of its final ranking anyway).
	 */
	public void changed(Period.Window window) {
		if (!this.rules.isFinal(window, this.rules.now())) {
			this.dirty.add(window);
		}
	}

	/** Renders every period marked since the last call, one after the other; never fails. */
	public Mono<Void> renderChanged() {
		if (this.dirty.isEmpty()) {
			return Mono.empty();
		}
		List<Period.Window> windows = new ArrayList<>(this.dirty);
		this.dirty.removeAll(windows);
		return Flux.fromIterable(windows)
			.concatMap((window) -> render(window).onErrorResume((ex) -> {
				log.warn("Rendering {} {} failed; kept for the next tick: {}", window.period().slug(), window.id(),
						ex.toString());
				this.dirty.add(window);
				return Mono.empty();
			}))
			.then();
	}

	private boolean usable(List<String> elements, Period.Window window) {
		if (elements.size() < 3) {
			return false;
		}
		boolean renderedFinal = elements.get(0).endsWith("|" + Chart.Status.FINAL);
		return renderedFinal || !this.rules.isFinal(window, this.rules.now());
	}

	/** Renders the full page of {@code window} and stores it; answers the stored elements. */
	Mono<List<String>> render(Period.Window window) {
		Instant renderedAt = this.rules.now();
		return this.charts.read(window.period(), window.start(), Charts.MAX_LIMIT).flatMap((chart) -> {
			String head = this.json.writeValueAsString(new Chart(chart.period(), chart.periodId(), chart.from(), chart.to(),
					chart.previousPeriodId(), chart.status(), List.of(), chart.nextCursor()));
			int at = head.indexOf(ITEMS);
			if (at < 0) {
				return Mono.error(new IllegalStateException("a chart's JSON has no empty items array: " + head));
			}
			String prefix = head.substring(0, at + ITEMS.length() - 1);
			String suffix = head.substring(at + ITEMS.length() - 1);
			List<String> items = chart.items().stream().map(this.json::writeValueAsString).toList();
			List<String> elements = new ArrayList<>(items.size() + 3);
			elements.add(renderedAt.toEpochMilli() + "|" + digest(prefix, items, suffix) + "|" + chart.status());
			elements.add(prefix);
			elements.add(suffix);
			elements.addAll(items);
			Duration ttl = (chart.status() == Chart.Status.FINAL) ? Duration.ZERO
					: Duration.between(renderedAt, this.rules.liveUntil(window));
			return this.store.writePage(window, renderedAt.toEpochMilli(), ttl, elements).thenReturn(elements);
		});
	}

	private static Page assemble(List<String> elements, int limit) {
		String[] meta = elements.get(0).split("\\|");
		StringBuilder body = new StringBuilder(elements.get(1));
		int end = Math.min(elements.size(), limit + 3);
		for (int i = 3; i < end; i++) {
			if (i > 3) {
				body.append(',');
			}
			body.append(elements.get(i));
		}
		body.append(elements.get(2));
		return new Page("\"" + meta[1] + "-" + limit + "\"", Chart.Status.valueOf(meta[2]),
				body.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static String digest(String prefix, List<String> items, String suffix) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(prefix.getBytes(StandardCharsets.UTF_8));
			items.forEach((item) -> sha.update(item.getBytes(StandardCharsets.UTF_8)));
			sha.update(suffix.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha.digest(), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
