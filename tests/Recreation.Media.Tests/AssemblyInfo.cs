// Fixtures run in parallel; tests inside a fixture run one after another.
[assembly: Parallelizable(ParallelScope.Fixtures)]