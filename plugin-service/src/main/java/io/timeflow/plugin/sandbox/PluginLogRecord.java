package io.timeflow.plugin.sandbox;

/**
 * One record a plugin logged through the SDK's {@code PlatformHandler}, as the plugin's formatter made
 * it. Not redacted: whoever writes it out redacts it first.
 *
 * @param level the Python logging level (10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL)
 * @param text  the formatted record
 */
public record PluginLogRecord(int level, String text) {
}
