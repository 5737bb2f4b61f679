// NearestK: keeps the k nearest candidates seen so far, as (index, distance) pairs: the one "keep the k best"
// of lib/, used by the kNN classifier (k training rows per test row) and by the exact neighbour lists of
// t-SNE (k = 3 x perplexity). A max-heap, so a candidate costs O(log k), and most are turned away at once by
// comparing with Largest. Offer the candidates in increasing index order: on equal distances the lower index
// stays, so the result is deterministic.
using System;
using System.Linq;
using System.Runtime.CompilerServices;

public sealed class NearestK
{
    readonly float[] _distance;   // a max-heap on (distance, index); starts full of "infinitely far" entries
    readonly int[] _index;

    public NearestK(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1");
        _distance = Enumerable.Repeat(float.PositiveInfinity, k).ToArray();
        _index = Enumerable.Repeat(-1, k).ToArray();
    }

    public int K => _distance.Length;

    /// <summary>The k-th smallest distance so far (+infinity until k were offered): a candidate must be nearer.</summary>
    public float Largest => _distance[0];

    /// <summary>Keeps the candidate when it is nearer than <see cref="Largest"/>, dropping the farthest one kept.</summary>
    /// <remarks>Inlined into the callers' loops, so the many candidates turned away cost a comparison, not a call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(int index, float distance)
    {
        if (distance < _distance[0]) Keep(index, distance);
    }

    void Keep(int index, float distance)
    {
        int i = 0, k = _distance.Length;
        while (true)   // sift the new entry down from the root
        {
            int child = 2 * i + 1;
            if (child >= k) break;
            if (child + 1 < k && Farther(child + 1, child)) child++;
            if (_distance[child] < distance || (_distance[child] == distance && _index[child] < index)) break;
            _distance[i] = _distance[child];
            _index[i] = _index[child];
            i = child;
        }
        _distance[i] = distance;
        _index[i] = index;
    }

    bool Farther(int a, int b) =>
        _distance[a] > _distance[b] || (_distance[a] == _distance[b] && _index[a] > _index[b]);

    /// <summary>The kept candidates, nearest first (ties: lower index first), into spans of length k.</summary>
    public void CopySorted(Span<int> indices, Span<float> distances)
    {
        var order = Enumerable.Range(0, _distance.Length).OrderBy(i => _distance[i]).ThenBy(i => _index[i]).ToArray();
        for (int i = 0; i < order.Length; i++)
        {
            indices[i] = _index[order[i]];
            distances[i] = _distance[order[i]];
        }
    }
}
