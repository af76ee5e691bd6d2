package io.chorus.platform.stores;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class OutagesTests {

	@Test
	void storeUnreachableOrTooSlowIsAnOutage() {
		assertThat(Outages.isOutage(new DataAccessResourceFailureException("down"))).isTrue();
		assertThat(Outages.isOutage(new QueryTimeoutException("slow"))).isTrue();
		assertThat(Outages.isOutage(new RedisSystemException("rejected", new RedisException("not connected"))))
			.isTrue();
		assertThat(Outages.isOutage(new IllegalStateException(new R2dbcNonTransientResourceException("refused"))))
			.isTrue();
		assertThat(Outages.isOutage(new RedisException("Currently not connected. Commands are rejected."))).isTrue();
		assertThat(Outages.isOutage(new TimeoutException())).isTrue();
		assertThat(Outages.isOutage(new RuntimeException(new ConnectException("refused")))).isTrue();
	}

	@Test
	void failuresOfTheWorkItselfAreNot() {
		assertThat(Outages.isOutage(new IllegalStateException("bug"))).isFalse();
		assertThat(Outages.isOutage(new DuplicateKeyException("taken"))).isFalse();
		assertThat(Outages.isOutage(new RedisSystemException("script error",
				new RedisCommandExecutionException("ERR bad script")))).isFalse();
		assertThat(Outages.isOutage(new RedisCommandExecutionException("WRONGTYPE"))).isFalse();
	}

}
