package io.chorus.content.domain;

import java.util.List;

import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ContentRulesTests {

	private static JsonNode json(String json) {
		return JsonMapper.shared().readTree(json.replace('\'', '"'));
	}

	private static List<FieldViolation> postErrors(String body) {
		ProblemException problem = catchThrowableOfType(ProblemException.class, () -> ContentRules.post(json(body)));
		assertThat(problem).as("a problem for " + body).isNotNull();
		assertThat(problem.status().value()).isEqualTo(400);
		return problem.errors();
	}

	private static List<String> fields(List<FieldViolation> errors) {
		return errors.stream().map(FieldViolation::field).toList();
	}

	@Test
	void aFullPostIsAccepted() {
		PostDraft draft = ContentRules.post(json("{'text':'hi\\nthere','trackId':'trk_1-A','imageIds':['a','b-2']}"));
		assertThat(draft).isEqualTo(new PostDraft("hi\nthere", "trk_1-A", List.of("a", "b-2")));
	}

	@Test
	void trackIdAndImageIdsAreOptionalAndNullMeansNone() {
		assertThat(ContentRules.post(json("{'text':'x'}"))).isEqualTo(new PostDraft("x", null, List.of()));
		assertThat(ContentRules.post(json("{'text':'x','trackId':null,'imageIds':null}")))
			.isEqualTo(new PostDraft("x", null, List.of()));
	}

	@Test
	void textIsRequiredNotBlankAndAString() {
		assertThat(postErrors("{}")).containsExactly(new FieldViolation("text", "is required"));
		assertThat(postErrors("{'text':null}")).containsExactly(new FieldViolation("text", "is required"));
		assertThat(postErrors("{'text':'  \\n '}")).containsExactly(new FieldViolation("text", "must not be blank"));
		assertThat(postErrors("{'text':42}")).containsExactly(new FieldViolation("text", "must be a string"));
		assertThat(postErrors("{'text':['a']}")).containsExactly(new FieldViolation("text", "must be a string"));
	}

	@Test
	void textLengthCountsCharactersNotUtf16Units() {
		String emoji = "🎵".repeat(ContentRules.POST_TEXT_MAX);
		assertThat(ContentRules.post(json("{'text':'" + emoji + "'}")).text()).isEqualTo(emoji);
		assertThat(postErrors("{'text':'" + "a".repeat(ContentRules.POST_TEXT_MAX + 1) + "'}"))
			.containsExactly(new FieldViolation("text", "must be at most 2000 characters"));
	}

	@Test
	void controlCharactersOtherThanLineBreaksAndTabsAreRefused() {
		assertThat(ContentRules.post(json("{'text':'a\\tb\\r\\nc'}")).text()).isEqualTo("a\tb\r\nc");
		assertThat(fields(postErrors("{'text':'bell\\u0007'}"))).containsExactly("text");
		assertThat(fields(postErrors("{'text':'lone \\ud800 surrogate'}"))).containsExactly("text");
	}

	@Test
	void unknownFieldsAreNamed() {
		assertThat(postErrors("{'text':'x','authorId':'someone-else','likeCount':9}")).containsExactlyInAnyOrder(
				new FieldViolation("authorId", "is not a known field"),
				new FieldViolation("likeCount", "is not a known field"));
	}

	@Test
	void theBodyMustBeAnObject() {
		assertThat(postErrors("['text']")).containsExactly(new FieldViolation("body", "must be a JSON object"));
		assertThat(postErrors("'text'")).containsExactly(new FieldViolation("body", "must be a JSON object"));
	}

	@Test
	void trackIdHasAFormat() {
		assertThat(fields(postErrors("{'text':'x','trackId':''}"))).containsExactly("trackId");
		assertThat(fields(postErrors("{'text':'x','trackId':'../etc/passwd'}"))).containsExactly("trackId");
		assertThat(fields(postErrors("{'text':'x','trackId':'" + "t".repeat(65) + "'}"))).containsExactly("trackId");
		assertThat(postErrors("{'text':'x','trackId':7}")).containsExactly(new FieldViolation("trackId", "must be a string"));
		assertThat(ContentRules.post(json("{'text':'x','trackId':'" + "t".repeat(64) + "'}")).trackId()).hasSize(64);
	}

	@Test
	void imageIdsAreABoundedListOfDistinctWellFormedIds() {
		assertThat(ContentRules.post(json("{'text':'x','imageIds':['a','b','c','d']}")).imageIds()).hasSize(4);
		assertThat(postErrors("{'text':'x','imageIds':['a','b','c','d','e']}"))
			.containsExactly(new FieldViolation("imageIds", "must hold at most 4 ids"));
		assertThat(postErrors("{'text':'x','imageIds':'a'}"))
			.containsExactly(new FieldViolation("imageIds", "must be an array"));
		assertThat(postErrors("{'text':'x','imageIds':['a',1,'a','b,c']}")).containsExactly(
				new FieldViolation("imageIds[1]", "must be a string"),
				new FieldViolation("imageIds[2]", "is a duplicate"),
				new FieldViolation("imageIds[3]", "must be 1 to 64 of A-Z, a-z, 0-9, '-' and '_'"));
	}

	@Test
	void everyViolationIsReportedAtOnce() {
		assertThat(fields(postErrors("{'text':'','trackId':'no spaces','imageIds':[null],'extra':true}")))
			.containsExactlyInAnyOrder("extra", "text", "trackId", "imageIds[0]");
	}

	@Test
	void commentsHaveTheirOwnLimitAndAnOptionalParentId() {
		assertThat(ContentRules.comment(json("{'text':'yes'}"))).isEqualTo(new CommentDraft("yes", null));
		String parent = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
		assertThat(ContentRules.comment(json("{'text':'yes','parentId':'" + parent + "'}")).parentId()).isEqualTo(parent);
		ProblemException tooLong = catchThrowableOfType(ProblemException.class,
				() -> ContentRules.comment(json("{'text':'" + "a".repeat(ContentRules.COMMENT_TEXT_MAX + 1) + "'}")));
		assertThat(fields(tooLong.errors())).containsExactly("text");
		ProblemException badParent = catchThrowableOfType(ProblemException.class,
				() -> ContentRules.comment(json("{'text':'x','parentId':'42','trackId':'t'}")));
		assertThat(badParent.errors()).containsExactlyInAnyOrder(new FieldViolation("parentId", "is not a comment id"),
				new FieldViolation("trackId", "is not a known field"));
	}

	@Test
	void aCommentEditTakesOnlyText() {
		assertThat(ContentRules.commentText(json("{'text':'edited'}"))).isEqualTo("edited");
		ProblemException problem = catchThrowableOfType(ProblemException.class,
				() -> ContentRules.commentText(json("{'text':'x','parentId':null}")));
		assertThat(problem.errors()).containsExactly(new FieldViolation("parentId", "is not a known field"));
	}

	@Test
	void contentIdsAreLowerCaseUuids() {
		assertThat(ContentRules.isContentId("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")).isTrue();
		assertThat(ContentRules.isContentId("0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")).isFalse();
		assertThat(ContentRules.isContentId("1 OR 1=1")).isFalse();
		assertThat(ContentRules.isContentId("")).isFalse();
	}

}
