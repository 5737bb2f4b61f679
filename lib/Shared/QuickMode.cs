// QuickMode: the switch every notebook shares. Quick mode (FASHION_MNIST_QUICK=1) is what the tests use:
// the same steps on less data and fewer iterations, so that all notebooks run in minutes.
using System;

public static class QuickMode
{
    /// <summary>True when FASHION_MNIST_QUICK is 1, true or yes.</summary>
    public static bool IsOn =>
        Environment.GetEnvironmentVariable("FASHION_MNIST_QUICK") is "1" or "true" or "yes";

    /// <summary>The full-run value, or the quick one in quick mode.</summary>
    public static T Choose<T>(T full, T quick) => IsOn ? quick : full;
}
