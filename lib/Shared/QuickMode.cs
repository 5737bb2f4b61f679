// QuickMode: the switch every notebook shares. Quick mode (FASHION_MNIST_QUICK=1) is what the tests use:
// the same steps on less data and fewer iterations, so that all notebooks run in minutes.
using System;

public static class QuickMode
{
    /// <summary>The variable that turns quick mode on.</summary>
    public const string Variable = "FASHION_MNIST_QUICK";

    /// <summary>True when FASHION_MNIST_QUICK is 1, true or yes.</summary>
    public static bool IsOn => Means(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Whether a value of the variable turns quick mode on: 1, true or yes.</summary>
    public static bool Means(string value) => value is "1" or "true" or "yes";

    /// <summary>The full-run value, or the quick one in quick mode.</summary>
    public static T Choose<T>(T full, T quick) => ChooseFor(IsOn, full, quick);

    /// <summary>The quick value when <paramref name="quickMode"/> is on, else the full one.</summary>
    public static T ChooseFor<T>(bool quickMode, T full, T quick) => quickMode ? quick : full;
}
