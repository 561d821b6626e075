# Classes generated from the plugin's schema, as the SDK's build generates them.
