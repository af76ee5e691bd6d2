package io.chorus.chart.api;

import io.chorus.chart.domain.ChartPages;
import io.chorus.chart.domain.Charts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Every route of the service (paths as the gateway forwards them). */
@Configuration(proxyBeanMethods = false)
class ChartRoutes {

	@Bean
	RouterFunction<ServerResponse> chartRouter(Charts charts, ChartPages pages) {
		ChartHandler handler = new ChartHandler(charts, pages);
		return route(GET("/api/charts/{period}"), handler::chart);
	}

}
