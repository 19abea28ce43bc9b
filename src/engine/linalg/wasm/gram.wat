;; Packed-panel product for gram()/crossGram() with f64x2 SIMD (compiled by scripts/build-wasm.mjs).
;;
;; Operands are the JS kernel's packed panels (see gram.ts): panel q holds columns 4q..4q+3 of an
;; m × p matrix interleaved by point, at byte offset base + (q·m + i)·32. For every 4 × 4 tile
;; (qa, qb) this computes out[4qa + r][4qb + c] = Σ_i A_qa[i][r] · B_qb[i][c], i increasing, from
;; +0, one rounded multiply and one rounded add per term: exactly the JS kernel's operation order,
;; so both give bit-identical results (base SIMD has no FMA, and none is used). `out` is P × P with
;; P = 4·panels (padded, row stride P·8 bytes); the caller copies the in-range entries.
(module
  (memory (export "memory") 1)

  (func (export "product")
    (param $a i32) (param $b i32) (param $m i32) (param $panels i32) (param $symmetric i32) (param $out i32)
    (local $qa i32) (local $qb i32) (local $pa i32) (local $pb i32) (local $end i32)
    (local $panelBytes i32) (local $rowBytes i32) (local $o i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $panelBytes (i32.shl (local.get $m) (i32.const 5)))
    (local.set $rowBytes (i32.shl (local.get $panels) (i32.const 5)))
    (local.set $qa (i32.const 0))
    (block $doneA
      (loop $loopA
        (br_if $doneA (i32.ge_u (local.get $qa) (local.get $panels)))
        (local.set $qb (select (local.get $qa) (i32.const 0) (local.get $symmetric)))
        (block $doneB
          (loop $loopB
            (br_if $doneB (i32.ge_u (local.get $qb) (local.get $panels)))
            (local.set $pa (i32.add (local.get $a)
              (i32.mul (local.get $qa) (local.get $panelBytes))))
            (local.set $pb (i32.add (local.get $b)
              (i32.mul (local.get $qb) (local.get $panelBytes))))
            (local.set $end (i32.add (local.get $pa) (local.get $panelBytes)))
            ;; Row 4qa of `out`, column 4qb.
            (local.set $o (i32.add (local.get $out)
              (i32.add (i32.mul (i32.shl (local.get $qa) (i32.const 2)) (local.get $rowBytes))
                       (i32.shl (local.get $qb) (i32.const 5)))))
            (local.set $c00 (v128.const f64x2 0 0)) (local.set $c01 (v128.const f64x2 0 0))
            (local.set $c10 (v128.const f64x2 0 0)) (local.set $c11 (v128.const f64x2 0 0))
            (local.set $c20 (v128.const f64x2 0 0)) (local.set $c21 (v128.const f64x2 0 0))
            (local.set $c30 (v128.const f64x2 0 0)) (local.set $c31 (v128.const f64x2 0 0))
            (block $doneI
              (br_if $doneI (i32.ge_u (local.get $pa) (local.get $end)))
              (loop $loopI
                (local.set $y0 (v128.load (local.get $pb)))
                (local.set $y1 (v128.load offset=16 (local.get $pb)))
                (local.set $x (v128.load64_splat (local.get $pa)))
                (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load64_splat offset=8 (local.get $pa)))
                (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load64_splat offset=16 (local.get $pa)))
                (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load64_splat offset=24 (local.get $pa)))
                (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $pa (i32.add (local.get $pa) (i32.const 32)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
                (br_if $loopI (i32.lt_u (local.get $pa) (local.get $end)))))
            (v128.store (local.get $o) (local.get $c00))
            (v128.store offset=16 (local.get $o) (local.get $c01))
            (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
            (v128.store (local.get $o) (local.get $c10))
            (v128.store offset=16 (local.get $o) (local.get $c11))
            (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
            (v128.store (local.get $o) (local.get $c20))
            (v128.store offset=16 (local.get $o) (local.get $c21))
            (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
            (v128.store (local.get $o) (local.get $c30))
            (v128.store offset=16 (local.get $o) (local.get $c31))
            (local.set $qb (i32.add (local.get $qb) (i32.const 1)))
            (br $loopB)))
        (local.set $qa (i32.add (local.get $qa) (i32.const 1)))
        (br $loopA))))
)
