using Recreation.Benchmarks;

// Side-by-side measurements, run by hand (not in CI):
//   dotnet run -c Release --project tests/Recreation.Benchmarks -- [planner|all]
var which = args.Length > 0 ? args[0] : "all";
if (which is "planner" or "all")
{
    PlannerBenchmark.Run();
}

return 0;