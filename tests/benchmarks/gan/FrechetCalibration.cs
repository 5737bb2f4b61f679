// How far real training images sit from the real test images in the judge's feature space once they are changed
// a little: pixel noise, a slight blur, a shift of one pixel, lower contrast. It shows what a Fréchet distance
// of a few tenths asks of a generator: `run.sh --calibrate`.
using TorchSharp;
using static TorchSharp.torch;

static class FrechetCalibration
{
    public static void Print(CnnJudge judge, FashionMnist fashion)
    {
        using var scope = NewDisposeScope();
        Tensor test = GanQuality.ImagesOf(fashion.Test);
        Tensor train = GanQuality.ImagesOf(fashion.Train.Subset(10_000, seed: 0));
        GaussianStatistics testStatistics = GanQuality.FeatureStatistics(judge.Features, test);
        double floor = Distance(judge, train, testStatistics);
        void Show(string change, Tensor images)
        {
            double distance = Distance(judge, images, testStatistics);
            Console.WriteLine($"CALIBRATION {change,-44} fd={distance:F3} fd_ratio={distance / floor:F1}");
        }
        Show("none (the floor)", train);
        using var noise = new Generator(7);
        foreach (double deviation in new[] { 2.0, 5.0, 10.0 })
            Show($"pixel noise, deviation {deviation}/255", (train + randn(train.shape, generator: noise) * (deviation / 255)).clamp(0, 1));
        Tensor blurred = nn.functional.conv2d(train, full([1, 1, 3, 3], 1.0f / 9), padding: [1, 1]);
        foreach (double share in new[] { 0.25, 0.5 })
            Show($"3x3 box blur mixed in at {share:P0}", train * (1 - share) + blurred * share);
        Show("shifted one pixel to the right", train.roll(1, 3));
        Show("contrast 95 %", train * 0.95);
    }

    static double Distance(CnnJudge judge, Tensor images, GaussianStatistics reference) =>
        FrechetDistance.Between(GanQuality.FeatureStatistics(judge.Features, images), reference);
}
