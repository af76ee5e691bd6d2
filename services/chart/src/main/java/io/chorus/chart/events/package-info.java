@org.jspecify.annotations.NullMarked
package io.chorus.chart.events;
