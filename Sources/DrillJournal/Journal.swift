public enum JournalPlaceholder {}
