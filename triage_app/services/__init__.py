"""Use cases: one function per thing a worker does. Each owns its transaction and checks roles."""
