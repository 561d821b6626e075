# Classes generated from the plugin's schema file, as the SDK's build generates them (see definitions).
