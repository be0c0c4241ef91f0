"""Error hierarchy of the library; the CLI and server translate these at the edge."""


class RagError(Exception):
    """Base class of every error the library raises on purpose."""


class CorpusError(RagError):
    """The corpus folder is missing, empty or holds no usable document."""


class ModelError(RagError):
    """The embedding model cannot be built or loaded."""


class IndexStoreError(RagError):
    """Base class of index problems."""


class IndexMissingError(IndexStoreError):
    """No index has been built at the given location."""


class IndexStaleError(IndexStoreError):
    """The index was built from another corpus, model or format version."""


class IndexCorruptError(IndexStoreError):
    """An index file is missing, truncated or fails its checksum."""


class QuestionError(RagError):
    """The question is empty or too long."""
