// TorchThread: a thread of its own that runs libtorch work, set once to one libtorch thread. Setting and restoring
// libtorch's thread count costs about 0.5 ms a time (measured: 495 us for get, set and set back), too much for work
// done a thousand times, as the FFT t-SNE's transforms are; and setting it on a thread-pool thread without restoring
// it would leave that thread single-threaded for whatever libtorch work the pool gives it next. Used by
// lib/Embedding/InterpolatedRepulsion.cs, which runs its transforms on two of these beside t-SNE's own threads.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;

public sealed class TorchThread : IDisposable
{
    readonly BlockingCollection<Action> _work = new();
    readonly Thread _thread;
    bool _disposed;

    public TorchThread(string name)
    {
        _thread = new Thread(Serve) { IsBackground = true, Name = name };
        _thread.Start();
    }

    void Serve()
    {
        torch.set_num_threads(1);   // this thread's setting: the caller's and the pool's threads keep theirs
        foreach (Action work in _work.GetConsumingEnumerable()) work();
    }

    /// <summary>Runs <paramref name="work"/> on this thread, after whatever was given before; its result or exception comes back in the task.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception error) { done.SetException(error); }
        });
        return done.Task;
    }

    /// <summary>Finishes the work given so far, then ends the thread.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }
}
