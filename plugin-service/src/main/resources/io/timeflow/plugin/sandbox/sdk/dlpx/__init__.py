# Timeflow's stand-in for the Delphix Virtualization SDK's dlpx namespace (see dlpx.virtualization).
