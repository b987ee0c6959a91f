import ZhiliStore

extension StoreError {
    /// The HTTP error a store failure becomes: 400 for a bad query or region, 503 for an unusable index.
    public var apiError: APIError {
        switch self {
        case .invalidQuery(let message): return APIError(.badRequest, message)
        case .unknownRegion: return APIError(.badRequest, description)
        case .unusableDatabase, .damagedDatabase, .diskFull: return APIError(.serviceUnavailable, "the index cannot be read; the server log has details")
        }
    }
}

/// Runs a store call, turning ``StoreError`` into ``APIError``.
func storeCall<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as StoreError {
        throw error.apiError
    }
}
