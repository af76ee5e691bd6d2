package io.chorus.content.domain;

import io.chorus.platform.web.ProblemException;

import org.springframework.http.HttpStatus;

/** Problems the content flows answer with. */
public final class ContentProblems {

	private ContentProblems() {
	}

	/** Missing and soft-deleted look the same. */
	public static ProblemException postNotFound(String id) {
		return ProblemException.notFound("No post " + id + ".");
	}

	public static ProblemException commentNotFound(String id) {
		return ProblemException.notFound("No comment " + id + ".");
	}

	public static ProblemException notAuthor(String what) {
		return ProblemException.forbidden("Only the author can change this " + what + ".");
	}

	public static ProblemException busy() {
		return ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE)
			.detail("The post is busy; try again.")
			.header("Retry-After", "1")
			.build();
	}

}
