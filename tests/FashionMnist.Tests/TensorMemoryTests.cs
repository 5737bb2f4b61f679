using TorchSharp;
using Xunit;

public class TensorMemoryTests
{
    [Fact]
    public void Copy_and_FloatsOf_move_values_both_ways_without_a_second_copy()
    {
        float[] values = { 1, 2, 3, 4, 5, 6 };
        using torch.Tensor tensor = TensorMemory.Copy(values, 2, 3);
        Assert.Equal(new long[] { 2, 3 }, tensor.shape);
        Assert.Equal(6f, tensor[1, 2].item<float>());
        Span<float> inside = TensorMemory.FloatsOf(tensor);
        Assert.Equal(values, inside.ToArray());
        inside[0] = 42;   // the span is the tensor's own memory
        Assert.Equal(42f, tensor[0, 0].item<float>());
    }

    [Fact]
    public void Wrong_lengths_and_types_are_refused_with_what_was_given()
    {
        var length = Assert.Throws<ArgumentException>(() => TensorMemory.Copy(new float[5], 2, 3));
        Assert.Contains("5 values do not fill a tensor of shape [2, 3]", length.Message);
        using torch.Tensor doubles = torch.zeros(3, torch.ScalarType.Float64);
        var type = Assert.Throws<ArgumentException>(() => TensorMemory.FloatsOf(doubles));
        Assert.Contains("needs a single-precision tensor, got Float64", type.Message);
    }

    [Fact]
    public void OnOneThread_runs_on_one_libtorch_thread_and_puts_the_count_back()
    {
        int before = torch.get_num_threads();
        Assert.Equal(1, TensorMemory.OnOneThread(() => torch.get_num_threads()));
        Assert.Equal(before, torch.get_num_threads());
        Assert.Throws<InvalidOperationException>(() => TensorMemory.OnOneThread<int>(() => throw new InvalidOperationException("inside")));
        Assert.Equal(before, torch.get_num_threads());
    }
}

public class TorchThreadTests
{
    [Fact]
    public void Work_runs_in_order_on_its_own_thread_with_one_libtorch_thread()
    {
        int caller = Environment.CurrentManagedThreadId, callerTorchThreads = torch.get_num_threads();
        using var thread = new TorchThread("test");
        var order = new List<int>();
        Task<int> first = thread.Run(() => { order.Add(1); return Environment.CurrentManagedThreadId; });
        Task<int> second = thread.Run(() => { order.Add(2); return torch.get_num_threads(); });
        Assert.NotEqual(caller, first.Result);
        Assert.Equal(1, second.Result);
        Assert.Equal(new[] { 1, 2 }, order);
        Assert.Equal(callerTorchThreads, torch.get_num_threads());   // the caller's setting is its own
    }

    [Fact]
    public void An_exception_comes_back_in_the_task_and_the_thread_goes_on()
    {
        using var thread = new TorchThread("test");
        var failed = thread.Run<int>(() => throw new InvalidOperationException("bad grid"));
        var error = Assert.Throws<AggregateException>(() => failed.Wait());
        Assert.Equal("bad grid", error.InnerException.Message);
        Assert.Equal(7, thread.Run(() => 7).Result);
    }

    [Fact]
    public void Dispose_finishes_the_work_given_and_is_safe_twice()
    {
        var thread = new TorchThread("test");
        int done = 0;
        Task<int> slow = thread.Run(() => { Thread.Sleep(50); return Interlocked.Increment(ref done); });
        thread.Dispose();
        Assert.True(slow.IsCompletedSuccessfully);
        Assert.Equal(1, done);
        thread.Dispose();
    }
}
