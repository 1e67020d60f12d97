export class ReportService { constructor(_o: unknown) {} report(_q: unknown): any { return {}; } }
