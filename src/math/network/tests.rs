use super::*;
use approx::assert_relative_eq;
use ndarray::array;

/// The 2-2-2 sigmoid network of Matt Mazur, "A Step by Step Backpropagation Example"
/// (mattmazur.com, 2015): x = (0.05, 0.10), y = (0.01, 0.99), w1..w8 = .15 .. .55,
/// b1 = .35, b2 = .60, cost ½Σ(y − a)² (our mse with m = 1).
pub(crate) fn mazur() -> (Network, Array2<f64>, Array2<f64>) {
    let net = Network {
        layers: vec![
            Layer {
                w: array![[0.15, 0.20], [0.25, 0.30]],
                b: array![[0.35], [0.35]],
                activation: Activation::Sigmoid,
            },
            Layer {
                w: array![[0.40, 0.45], [0.50, 0.55]],
                b: array![[0.60], [0.60]],
                activation: Activation::Sigmoid,
            },
        ],
        cost: Cost::Mse,
        regularization: Default::default(),
    };
    (net, array![[0.05], [0.10]], array![[0.01], [0.99]])
}

#[test]
fn mazur_forward_pass_to_the_printed_digits() {
    let (net, x, y) = mazur();
    let cache = net.forward(x.view());
    // printed: net_h1 = 0.3775, out_h1 = 0.593269992, out_h2 = 0.596884378,
    // out_o1 = 0.75136507, out_o2 = 0.772928465, E_total = 0.298371109
    assert_relative_eq!(cache.layers[0].z[[0, 0]], 0.3775, max_relative = 1e-12);
    assert_relative_eq!(cache.layers[0].a[[0, 0]], 0.593269992, epsilon = 5e-10);
    assert_relative_eq!(cache.layers[0].a[[1, 0]], 0.596884378, epsilon = 5e-10);
    assert_relative_eq!(cache.layers[1].a[[0, 0]], 0.75136507, epsilon = 5e-9);
    assert_relative_eq!(cache.layers[1].a[[1, 0]], 0.772928465, epsilon = 5e-10);
    assert_relative_eq!(net.cost_of(&cache, y.view()), 0.298371109, epsilon = 5e-10);
}

#[test]
fn mazur_gradients_to_the_printed_digits() {
    let (net, x, y) = mazur();
    let cache = net.forward(x.view());
    let grads = net.backward(&cache, y.view());
    // printed: ∂E/∂w5 = 0.082167041, ∂E/∂w1 = 0.000438568, ∂E/∂w2 = 0.000877135,
    // δ_o1 = 0.138498562 (their "∂E/∂net_o1")
    assert_relative_eq!(grads.layers[1].delta[[0, 0]], 0.138498562, epsilon = 5e-10);
    assert_relative_eq!(grads.layers[1].dw[[0, 0]], 0.082167041, epsilon = 5e-10);
    assert_relative_eq!(grads.layers[0].dw[[0, 0]], 0.000438568, epsilon = 5e-10);
    assert_relative_eq!(grads.layers[0].dw[[0, 1]], 0.000877135, epsilon = 5e-10);
}

#[test]
fn shapes_follow_the_column_convention() {
    let net = Network {
        layers: vec![
            Layer {
                w: Array2::zeros((3, 2)),
                b: Array2::zeros((3, 1)),
                activation: Activation::Tanh,
            },
            Layer {
                w: Array2::zeros((1, 3)),
                b: Array2::zeros((1, 1)),
                activation: Activation::Sigmoid,
            },
        ],
        cost: Cost::Bce,
        regularization: Default::default(),
    };
    let x = Array2::zeros((2, 5));
    let y = Array2::zeros((1, 5));
    let cache = net.forward(x.view());
    assert_eq!(cache.layers[0].z.dim(), (3, 5));
    assert_eq!(cache.layers[1].a.dim(), (1, 5));
    let g = net.backward(&cache, y.view());
    assert_eq!(g.layers[0].delta.dim(), (3, 5));
    assert_eq!(g.layers[0].dw.dim(), (3, 2));
    assert_eq!(g.layers[0].db.dim(), (3, 1));
    assert_eq!(net.sizes(), vec![2, 3, 1]);
    assert_eq!(net.predict(x.view()), cache.layers[1].a);
}

// Hand-worked two-example batch, 1 input → 1 linear output, mse:
// w = 2, b = 1, x = [1, 3], y = [2, 5]: z = a = [3, 7]; δ = a − y = [1, 2];
// dW = (1/2)(1·1 + 2·3) = 3.5; db = (1/2)(1 + 2) = 1.5; cost = ½(½·1 + ½·4) = 1.25.
#[test]
fn gradients_are_averaged_over_the_batch_and_delta_is_per_example() {
    let net = Network {
        layers: vec![Layer {
            w: array![[2.0]],
            b: array![[1.0]],
            activation: Activation::Linear,
        }],
        cost: Cost::Mse,
        regularization: Default::default(),
    };
    let x = array![[1.0, 3.0]];
    let y = array![[2.0, 5.0]];
    let cache = net.forward(x.view());
    assert_eq!(cache.layers[0].a, array![[3.0, 7.0]]);
    assert_eq!(net.cost_of(&cache, y.view()), 1.25);
    let g = net.backward(&cache, y.view());
    assert_eq!(g.layers[0].delta, array![[1.0, 2.0]]);
    assert_eq!(g.layers[0].dw, array![[3.5]]);
    assert_eq!(g.layers[0].db, array![[1.5]]);
}

// A hidden relu layer, worked by hand: W1 = [[1], [-1]], b1 = 0, x = [2] → z1 = [2, −2],
// a1 = [2, 0]; W2 = [[0.5, 0.5]], b2 = 0, linear out a2 = 1; y = 0, mse: δ2 = 1;
// δ1 = W2ᵀ δ2 ⊙ relu'(z1) = [0.5, 0.5] ⊙ [1, 0] = [0.5, 0]; dW1 = δ1 xᵀ = [[1], [0]].
#[test]
fn hidden_error_is_weighted_back_and_masked_by_sigma_prime() {
    let net = Network {
        layers: vec![
            Layer {
                w: array![[1.0], [-1.0]],
                b: array![[0.0], [0.0]],
                activation: Activation::Relu,
            },
            Layer {
                w: array![[0.5, 0.5]],
                b: array![[0.0]],
                activation: Activation::Linear,
            },
        ],
        cost: Cost::Mse,
        regularization: Default::default(),
    };
    let cache = net.forward(array![[2.0]].view());
    let g = net.backward(&cache, array![[0.0]].view());
    assert_eq!(g.layers[1].delta, array![[1.0]]);
    assert_eq!(g.layers[0].delta, array![[0.5], [0.0]]);
    assert_eq!(g.layers[0].dw, array![[1.0], [0.0]]);
    assert_eq!(g.layers[1].dw, array![[2.0, 0.0]]);
}

#[test]
fn finiteness_is_checked_in_every_parameter() {
    let (mut net, _, _) = mazur();
    assert!(net.is_finite());
    net.layers[1].b[[1, 0]] = f64::NAN;
    assert!(!net.is_finite());
    net.layers[1].b[[1, 0]] = 0.0;
    net.layers[0].w[[0, 1]] = f64::INFINITY;
    assert!(!net.is_finite());
}
