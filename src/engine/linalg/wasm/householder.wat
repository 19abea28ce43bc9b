;; Trailing update of one Householder QR step with f64x2 SIMD (compiled by scripts/build-wasm.mjs).
;;
;; A is M × N, column-major, at byte offset $a; column k holds the reflector v (v[k] = 1 implicit,
;; v[i] at rows i > k). For every column j > k: dot = Σ_{i>k} v[i]·A[i][j] with two lanes (lane 0 the
;; rows k+1, k+3, …, lane 1 the rows k+2, k+4, …, from +0; an odd last row joins lane 0, then lane 1 is
;; added), s = (A[k][j] + dot)·τ, A[k][j] −= s, A[i][j] −= s·v[i]. lstsq.ts's JS loop performs exactly
;; these roundings in this order (no FMA), so both give bit-identical results.
(module
  (memory (export "memory") 1)

  (func (export "reflect") (param $a i32) (param $M i32) (param $N i32) (param $k i32) (param $tau f64)
    (local $colBytes i32) (local $v i32) (local $count i32) (local $pairEnd i32) (local $j i32)
    (local $cj i32) (local $col i32) (local $kb i32) (local $acc v128) (local $sv v128) (local $s f64)
    (local.set $colBytes (i32.shl (local.get $M) (i32.const 3)))
    (local.set $v (i32.add (i32.add (local.get $a) (i32.mul (local.get $k) (local.get $colBytes)))
                           (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 3))))
    (local.set $count (i32.sub (i32.sub (local.get $M) (local.get $k)) (i32.const 1)))
    (local.set $pairEnd (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $j (i32.add (local.get $k) (i32.const 1)))
    (block $doneJ
      (loop $columns
        (br_if $doneJ (i32.ge_u (local.get $j) (local.get $N)))
        ;; $cj: byte address of A[k][j]; $col: of A[k+1][j].
        (local.set $cj (i32.add (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $colBytes)))
                                (i32.shl (local.get $k) (i32.const 3))))
        (local.set $col (i32.add (local.get $cj) (i32.const 8)))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $kb (i32.const 0))
        (block $doneDot
          (loop $dot
            (br_if $doneDot (i32.ge_u (local.get $kb) (local.get $pairEnd)))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (v128.load (i32.add (local.get $v) (local.get $kb)))
                         (v128.load (i32.add (local.get $col) (local.get $kb))))))
            (local.set $kb (i32.add (local.get $kb) (i32.const 16)))
            (br $dot)))
        (local.set $s (f64x2.extract_lane 0 (local.get $acc)))
        (if (i32.and (local.get $count) (i32.const 1))
          (then
            (local.set $s (f64.add (local.get $s)
              (f64.mul (f64.load (i32.add (local.get $v) (local.get $pairEnd)))
                       (f64.load (i32.add (local.get $col) (local.get $pairEnd))))))))
        (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $acc))))
        (local.set $s (f64.mul (f64.add (f64.load (local.get $cj)) (local.get $s)) (local.get $tau)))
        (f64.store (local.get $cj) (f64.sub (f64.load (local.get $cj)) (local.get $s)))
        (local.set $sv (f64x2.splat (local.get $s)))
        (local.set $kb (i32.const 0))
        (block $doneAxpy
          (loop $axpy
            (br_if $doneAxpy (i32.ge_u (local.get $kb) (local.get $pairEnd)))
            (v128.store (i32.add (local.get $col) (local.get $kb))
              (f64x2.sub (v128.load (i32.add (local.get $col) (local.get $kb)))
                         (f64x2.mul (local.get $sv) (v128.load (i32.add (local.get $v) (local.get $kb))))))
            (local.set $kb (i32.add (local.get $kb) (i32.const 16)))
            (br $axpy)))
        (if (i32.and (local.get $count) (i32.const 1))
          (then
            (f64.store (i32.add (local.get $col) (local.get $pairEnd))
              (f64.sub (f64.load (i32.add (local.get $col) (local.get $pairEnd)))
                       (f64.mul (local.get $s) (f64.load (i32.add (local.get $v) (local.get $pairEnd))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns))))
)
