package io.timeflow.plugin.domain;

/** A plugin is ACTIVE, or UPGRADING while a (real) upgrade of it is under way. */
public enum PluginState {
    ACTIVE,
    UPGRADING
}
