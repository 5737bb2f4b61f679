// OptimizedKernel: makes the .NET Interactive C# kernel compile the cells that follow, and the lib files they
// #load, with optimizations, as `dotnet build -c Release` compiles lib for the tests and benchmarks.
//
// Why: the kernel compiles every submission as Debug code, and the JIT leaves Debug code unoptimized (no
// inlining, locals kept on the stack, every Vector<T> operation a call). lib's numeric loops then run about 4x
// slower than the same code in a console program: t-SNE of 10,000 images took 35 s in the kernel, 8.6 s with
// this. The kernel has no setting for it (dotnet/interactive#83), so this replaces the ScriptOptions the
// kernel keeps in a private field with a Release copy. Load it in the first cell; it takes effect from the
// next cell on. Should a later kernel rename the field, the notebook still runs, only slower, and says so.
using System.Reflection;

void CompileLaterCellsOptimized()
{
    var kernel = Microsoft.DotNet.Interactive.KernelInvocationContext.Current?.HandlingKernel;
    var field = kernel?.GetType().GetField("_scriptOptions", BindingFlags.Instance | BindingFlags.NonPublic);
    object options = field?.GetValue(kernel);
    var withOptimizationLevel = options?.GetType().GetMethod("WithOptimizationLevel");
    if (withOptimizationLevel is null)
    {
        Console.WriteLine("This kernel keeps no script options where OptimizedKernel.csx looks: cells run unoptimized, so heavy steps are slower.");
        return;
    }
    var release = Enum.Parse(withOptimizationLevel.GetParameters()[0].ParameterType, "Release");
    field.SetValue(kernel, withOptimizationLevel.Invoke(options, [release]));
}

CompileLaterCellsOptimized();
