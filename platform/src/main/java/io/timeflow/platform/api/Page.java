package io.timeflow.platform.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: the items, where the page starts, its size, and how many items there are in all. */
@Schema(description = "A page of results")
public record Page<T>(List<T> items, int offset, int limit, long total) {
}
