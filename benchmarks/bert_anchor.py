"""A BERT-base token classifier as a speed anchor for the recognition benchmark.

The model has the size of the Arabic NER models analysts would otherwise use (CAMeLBERT / AraBERT
base: 30k WordPiece vocabulary, 768 hidden, 12 layers, 12 heads, 3072 intermediate, 512 positions) with
a 9-label BIO head (PER/ORG/LOC/MISC). Weights are random and created locally, and the WordPiece
tokenizer is trained locally on a sample of the benchmark corpus: nothing is downloaded. Only speed
is measured (quality of random weights is meaningless): tokenization, 512-token windows, a forward pass
in fp32 inference mode on one thread, and the argmax over labels.

This module imports torch, transformers and tokenizers at import time; the benchmark imports it only
when the BERT part runs.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import contextlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import tokenizers
import torch
import transformers
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
from transformers import BertConfig, BertForTokenClassification

VOCAB_SIZE = 30000
NUM_LABELS = 9  # O, B-/I- x PER, ORG, LOC, MISC
MAX_POSITIONS = 512
SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


@dataclass(slots=True)
class BertResult:
    """Speed of the BERT anchor on a text sample."""

    docs: int
    chars: int
    bytes: int
    tokens: int  # tokens fed to the model, [CLS]/[SEP] included
    windows: int
    seconds: float  # tokenization + forward passes + argmax, after one warm-up window
    tokenizer_train_s: float
    tokenizer_train_chars: int
    tokenizer_vocab: int
    model_build_s: float
    parameters: int
    threads: int
    torch_version: str
    transformers_version: str
    tokenizers_version: str

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds if self.seconds > 0 else 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["chars_per_s"] = round(self.chars_per_s, 1)
        out["tokens_per_s"] = round(self.tokens_per_s, 1)
        out["chars_per_token"] = round(self.chars / self.tokens, 2) if self.tokens else 0.0
        out["mb_per_s"] = round(self.bytes / 1e6 / self.seconds, 6) if self.seconds > 0 else 0.0
        return out


def train_tokenizer(texts: Iterable[str], vocab_size: int = VOCAB_SIZE) -> Tokenizer:
    """Train a BERT-style WordPiece tokenizer (no lower-casing, marks kept) on ``texts``."""
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False
    )
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size, special_tokens=list(SPECIAL_TOKENS), show_progress=False
    )
    tokenizer.train_from_iterator(texts, trainer=trainer)
    return tokenizer


def build_model(
    vocab_size: int = VOCAB_SIZE, num_labels: int = NUM_LABELS, seed: int = 0
) -> BertForTokenClassification:
    """A BERT-base token classifier with random weights, in eval mode."""
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=vocab_size,
        hidden_size=768,
        num_hidden_layers=12,
        num_attention_heads=12,
        intermediate_size=3072,
        max_position_embeddings=MAX_POSITIONS,
    )
    config.num_labels = num_labels
    model = BertForTokenClassification(config)
    model.eval()
    return model


def windows(ids: Sequence[int], cls_id: int, sep_id: int, max_len: int = MAX_POSITIONS) -> list[list[int]]:
    """Split a document's token ids into model inputs of at most ``max_len`` tokens ([CLS] ... [SEP])."""
    body = max_len - 2
    return [[cls_id, *ids[i : i + body], sep_id] for i in range(0, max(len(ids), 1), body)]


def set_single_thread() -> None:
    """Make torch use one intra-op and one inter-op thread."""
    torch.set_num_threads(1)
    # Raises when already set or once parallel work has started in this process.
    with contextlib.suppress(RuntimeError):
        torch.set_num_interop_threads(1)


def run_anchor(
    sample_texts: Sequence[str],
    train_texts: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> BertResult:
    """Train the tokenizer on ``train_texts``, then time the classifier over ``sample_texts``.

    ``progress`` is called with the number of characters of each finished document.
    """
    set_single_thread()
    started = time.perf_counter()
    tokenizer = train_tokenizer(train_texts)
    tokenizer_train_s = time.perf_counter() - started
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:
        raise RuntimeError("the trained tokenizer lacks [CLS] or [SEP]")

    started = time.perf_counter()
    model = build_model()
    model_build_s = time.perf_counter() - started

    with torch.inference_mode():  # warm-up: one full window
        warm = windows(tokenizer.encode(sample_texts[0], add_special_tokens=False).ids, cls_id, sep_id)[0]
        model(input_ids=torch.tensor([warm], dtype=torch.long)).logits.argmax(-1)

    tokens = n_windows = 0
    seconds = 0.0
    with torch.inference_mode():
        for text in sample_texts:
            t0 = time.perf_counter()
            ids = tokenizer.encode(text, add_special_tokens=False).ids
            for window in windows(ids, cls_id, sep_id):
                logits = model(input_ids=torch.tensor([window], dtype=torch.long)).logits
                logits.argmax(-1).tolist()
                tokens += len(window)
                n_windows += 1
            seconds += time.perf_counter() - t0
            if progress is not None:
                progress(len(text))
    return BertResult(
        docs=len(sample_texts),
        chars=sum(len(t) for t in sample_texts),
        bytes=sum(len(t.encode("utf-8")) for t in sample_texts),
        tokens=tokens,
        windows=n_windows,
        seconds=seconds,
        tokenizer_train_s=tokenizer_train_s,
        tokenizer_train_chars=sum(len(t) for t in train_texts),
        tokenizer_vocab=tokenizer.get_vocab_size(),
        model_build_s=model_build_s,
        parameters=sum(p.numel() for p in model.parameters()),
        threads=torch.get_num_threads(),
        torch_version=torch.__version__,
        transformers_version=transformers.__version__,
        tokenizers_version=tokenizers.__version__,
    )
