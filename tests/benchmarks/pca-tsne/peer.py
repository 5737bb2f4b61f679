"""The peer for run.sh: sklearn 1.2 (Debian, OpenBLAS) on the same inputs as ours, then both side by side.

Reads the Fashion-MNIST gz files itself (train then test, pixels / 255, float32 - the same rows as ours), times
sklearn's PCA, reads ours' explained-variance ratios, PCA-50 input and embedding from the out folder, runs
sklearn.manifold.TSNE (Barnes-Hut, theta 0.5, perplexity 30, init 'pca', learning rate 'auto') on the same input,
and prints both figures with their ratio. Usage: /usr/bin/python3 peer.py <out folder> <data folder> [--no-tsne]
"""
import gzip, json, os, sys, time
import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
from threadpoolctl import threadpool_info

out, data = sys.argv[1], sys.argv[2]
run_tsne = "--no-tsne" not in sys.argv
ours = json.load(open(os.path.join(out, "ours.json")))


def images(name):
    with gzip.open(os.path.join(data, name)) as f:
        return np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)


pixels = np.concatenate([images("train-images-idx3-ubyte.gz"), images("t10k-images-idx3-ubyte.gz")]).astype(np.float32) / 255
peer = {"blas": sorted({f"{i['internal_api']} {i.get('version')} ({i['num_threads']} threads)" for i in threadpool_info()})}


def best_of_3(make):
    times, cpus, model = [], [], None
    for _ in range(3):
        model = make()
        start, cpu = time.perf_counter(), time.process_time()
        model.fit(pixels)
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return min(times), min(cpus), model


peer["pca_auto_seconds_best_of_3"], peer["pca_auto_cpu_seconds_best_of_3"], auto = best_of_3(lambda: PCA(n_components=50, random_state=0))
peer["pca_auto_solver_picked"] = auto._fit_svd_solver
peer["pca_full_seconds_best_of_3"], peer["pca_full_cpu_seconds_best_of_3"], full = best_of_3(lambda: PCA(n_components=50, svd_solver="full"))
our_ratios = np.fromfile(os.path.join(out, "ours_ratios.f64"), np.float64)
peer["max_ratio_difference_vs_auto_50"] = float(np.abs(our_ratios[:50] - auto.explained_variance_ratio_).max())
peer["max_ratio_difference_vs_full_all_784"] = float(np.abs(our_ratios - PCA(svd_solver="full").fit(pixels).explained_variance_ratio_).max())

rows = ours["tsne_n"]
x = np.fromfile(os.path.join(out, "pca50.f32"), np.float32).reshape(rows, 50)
our_map = np.fromfile(os.path.join(out, "ours_embedding.f32"), np.float32).reshape(rows, 2)
m = ours["trust_n"]
peer["sklearn_trustworthiness_of_our_map"] = float(trustworthiness(x[:m], our_map[:m], n_neighbors=10))
if run_tsne:
    tsne = TSNE(perplexity=30, n_iter=ours["tsne_iterations"], init="pca", learning_rate="auto", method="barnes_hut",
                angle=0.5, random_state=0, verbose=0)
    start, cpu = time.perf_counter(), time.process_time()
    peer_map = tsne.fit_transform(x)
    peer["tsne_seconds"] = time.perf_counter() - start
    peer["tsne_cpu_seconds_all_threads"] = time.process_time() - cpu
    peer["tsne_kl"] = float(tsne.kl_divergence_)
    peer["tsne_trustworthiness_k10"] = float(trustworthiness(x[:m], peer_map[:m], n_neighbors=10))

print(json.dumps(peer, indent=2))
f = lambda v: f"{v:.4g}" if isinstance(v, float) else str(v)
print(f"\n{'measure':44} {'ours':>12} {'sklearn':>12} {'sklearn/ours':>13}")
def row(name, a, b, ratio=True):
    print(f"{name:44} {f(a):>12} {f(b):>12} {(f(b / a) if ratio else ''):>13}")
row(f"PCA fit, 70000x784, 50 comp., s (vs {peer['pca_auto_solver_picked']})", ours["pca_fit_seconds_best_of_3"], peer["pca_auto_seconds_best_of_3"])
row("PCA fit, s (vs full)", ours["pca_fit_seconds_best_of_3"], peer["pca_full_seconds_best_of_3"])
row("PCA fit CPU s, all threads (vs auto)", ours["pca_fit_cpu_seconds_best_of_3"], peer["pca_auto_cpu_seconds_best_of_3"])
row("PCA fit CPU s, all threads (vs full)", ours["pca_fit_cpu_seconds_best_of_3"], peer["pca_full_cpu_seconds_best_of_3"])
print(f"{'max |explained-variance ratio diff|':44} {f(peer['max_ratio_difference_vs_full_all_784']):>12} (all 784 vs full; first 50 vs auto: {f(peer['max_ratio_difference_vs_auto_50'])})")
if run_tsne:
    row(f"t-SNE N={rows}, {ours['tsne_iterations']} it., s", ours["tsne_seconds"], peer["tsne_seconds"])
    row("t-SNE CPU s, all threads", ours["tsne_cpu_seconds_all_threads"], peer["tsne_cpu_seconds_all_threads"])
    row("t-SNE KL divergence", ours["tsne_kl"], peer["tsne_kl"])
    row(f"trustworthiness k=10 (sklearn's fn, N={m})", peer["sklearn_trustworthiness_of_our_map"], peer["tsne_trustworthiness_k10"])
print(f"{'our trustworthiness fn on our map':44} {f(ours['tsne_trustworthiness_k10']):>12} (sklearn's fn: {f(peer['sklearn_trustworthiness_of_our_map'])})")
json.dump(peer, open(os.path.join(out, "peer.json"), "w"), indent=2)
