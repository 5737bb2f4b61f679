"""The peer for run.sh: sklearn 1.2 (Debian, OpenBLAS) on the same inputs as ours, then both side by side.

Reads the Fashion-MNIST gz files itself (train then test, pixels / 255, float32 - the same rows as ours), times
sklearn's PCA, reads ours' explained-variance ratios, PCA-50 input and embeddings (Barnes-Hut and FFT
interpolation, whichever ours ran) from the out folder, runs sklearn.manifold.TSNE (Barnes-Hut, theta 0.5,
perplexity 30, init 'pca', learning rate 'auto') on the same input, and prints the figures side by side with
sklearn's over ours. Usage: /usr/bin/python3 peer.py <out folder> <data folder> [--no-tsne]
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
methods = [method.replace("-", "_") for method in ours["tsne_methods"]]
m = ours["trust_n"]
for method in methods:
    our_map = np.fromfile(os.path.join(out, f"ours_embedding_{method}.f32"), np.float32).reshape(rows, 2)
    peer[f"sklearn_trustworthiness_of_our_{method}_map"] = float(trustworthiness(x[:m], our_map[:m], n_neighbors=10))
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

# t-SNE: one column per method of ours, then sklearn's, then sklearn's over each of ours.
names = {"barnes_hut": "ours BH", "fft": "ours FFT"}
print(f"\n{'t-SNE, N=' + str(rows) + ', ' + str(ours['tsne_iterations']) + ' it.':44}" + "".join(f" {names[method]:>10}" for method in methods)
      + f" {'sklearn':>10}" + "".join(f" {'sk/' + names[method][5:]:>8}" for method in methods))
def tsne_row(name, ours_key, peer_value):
    values = [ours[f"tsne_{method}_{ours_key}"] if ours_key else peer[f"sklearn_trustworthiness_of_our_{method}_map"] for method in methods]
    ratios = [f(peer_value / v) if peer_value is not None else "" for v in values]
    print(f"{name:44}" + "".join(f" {f(v):>10}" for v in values) + f" {f(peer_value) if peer_value is not None else '':>10}"
          + "".join(f" {r:>8}" for r in ratios))
tsne_row("seconds", "seconds", peer.get("tsne_seconds"))
tsne_row("CPU s, all threads", "cpu_seconds_all_threads", peer.get("tsne_cpu_seconds_all_threads"))
tsne_row("KL divergence (as reported)", "kl", peer.get("tsne_kl"))
tsne_row("KL divergence, exact (Z over all pairs)", "exact_kl", None)
tsne_row(f"trustworthiness k=10 (sklearn's, N={m})", None, peer.get("tsne_trustworthiness_k10"))
tsne_row("trustworthiness k=10 (ours' fn)", "trustworthiness_k10", None)
tsne_row("largest |coordinate|", "largest_coordinate", None)
if set(methods) == {"barnes_hut", "fft"}:
    print(f"\nours BH over ours FFT: {ours['tsne_barnes_hut_seconds'] / ours['tsne_fft_seconds']:.2f}x the seconds, "
          f"{ours['tsne_barnes_hut_cpu_seconds_all_threads'] / ours['tsne_fft_cpu_seconds_all_threads']:.2f}x the CPU seconds; "
          f"FFT's exact KL {100 * (ours['tsne_fft_exact_kl'] / ours['tsne_barnes_hut_exact_kl'] - 1):+.1f}% of BH's")
json.dump(peer, open(os.path.join(out, "peer.json"), "w"), indent=2)
