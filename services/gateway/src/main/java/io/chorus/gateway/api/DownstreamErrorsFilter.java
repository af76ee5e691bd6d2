package io.chorus.gateway.api;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * A service that is down answers 503 problem+json within the connect timeout — not a 500 with a
 * stack trace, not a hang. A service that drops the connection mid-answer is a 502. (A slow one
 * gets the gateway's 504 from the response timeout.)
 */
public final class DownstreamErrorsFilter implements GlobalFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).onErrorMap(DownstreamErrorsFilter::isUnreachable,
				(ex) -> EdgeProblems.serviceUnavailable(service(exchange)))
			.onErrorMap(PrematureCloseException.class, (ex) -> EdgeProblems.badGateway(service(exchange)));
	}

	private static boolean isUnreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof UnresolvedAddressException) {
				return true;
			}
		}
		return false;
	}

	private static String service(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String id = (route != null) ? route.getId() : "downstream";
		int dash = id.indexOf('-');
		return (dash > 0) ? id.substring(0, dash) : id;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
