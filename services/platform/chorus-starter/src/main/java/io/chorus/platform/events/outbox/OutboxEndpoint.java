package io.chorus.platform.events.outbox;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Actuator endpoint on the management port for parked outbox rows, off unless exposed
 * ({@code management.endpoints.web.exposure.include=outbox}):
 * <ul>
 * <li>{@code GET /actuator/outbox}: {@code {"parked": [{seq, eventId, topic, key, attempts, lastError, parkedAt}]}};</li>
 * <li>{@code POST /actuator/outbox/{seq}}: releases a parked row (after fixing its cause, e.g. the
 * topic's {@code max.message.bytes}); the relay tries it again, then the rows of its key.</li>
 * </ul>
 */
@Endpoint(id = "outbox")
public class OutboxEndpoint {

	private final DatabaseClient db;

	public OutboxEndpoint(DatabaseClient db) {
		this.db = db;
	}

	@ReadOperation
	public Mono<Map<String, List<ParkedRow>>> parked() {
		return this.db
			.sql("SELECT seq, event_id, topic, record_key, attempts, last_error, parked_at FROM chorus_outbox"
					+ " WHERE parked_at IS NOT NULL AND sent_at IS NULL ORDER BY seq LIMIT 1000")
			.map(row -> new ParkedRow(row.get("seq", Long.class), row.get("event_id", String.class),
					row.get("topic", String.class), row.get("record_key", String.class),
					row.get("attempts", Integer.class), row.get("last_error", String.class),
					row.get("parked_at", LocalDateTime.class).toInstant(ZoneOffset.UTC).toString()))
			.all()
			.collectList()
			.map(rows -> Map.of("parked", rows));
	}

	@WriteOperation
	public Mono<WebEndpointResponse<Object>> release(@Selector long seq) {
		return this.db
			.sql("UPDATE chorus_outbox SET parked_at = NULL, attempts = 0 WHERE seq = :seq AND parked_at IS NOT NULL"
					+ " AND sent_at IS NULL")
			.bind("seq", seq)
			.fetch()
			.rowsUpdated()
			.map(updated -> (updated == 1) ? new WebEndpointResponse<Object>(Map.of("released", seq))
					: new WebEndpointResponse<Object>(Map.of("detail", "No parked row " + seq), 404));
	}

	/** A parked row as the listing shows it (no payload: it may hold personal data). */
	public record ParkedRow(Long seq, String eventId, String topic, String key, Integer attempts,
			@Nullable String lastError, String parkedAt) {
	}

}
